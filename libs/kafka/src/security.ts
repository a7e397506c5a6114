import { readFileSync } from 'node:fs';
import type { KafkaConfig, SASLOptions } from 'kafkajs';

/** The validated KAFKA_SSL* / KAFKA_SASL_* settings (`kafkaClientEnv` of @hookline/config). */
export interface KafkaSecuritySettings {
  KAFKA_SSL?: boolean;
  KAFKA_SSL_CA_FILE?: string;
  KAFKA_SSL_CERT_FILE?: string;
  KAFKA_SSL_KEY_FILE?: string;
  KAFKA_SASL_MECHANISM?: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  KAFKA_SASL_USERNAME?: string;
  KAFKA_SASL_PASSWORD?: string;
}

/**
 * kafkajs's `ssl` and `sasl` options for a managed cluster, files read once at start. A setting
 * that cannot work alone (a certificate without its key, a mechanism without credentials) stops
 * the service naming the variables.
 */
export function kafkaSecurity(settings: KafkaSecuritySettings): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const { KAFKA_SSL_CA_FILE: ca, KAFKA_SSL_CERT_FILE: cert, KAFKA_SSL_KEY_FILE: key, KAFKA_SASL_MECHANISM: mechanism } = settings;
  if (Boolean(cert) !== Boolean(key)) throw new Error('KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE go together (a client certificate and its key)');
  if (mechanism && !(settings.KAFKA_SASL_USERNAME && settings.KAFKA_SASL_PASSWORD)) {
    throw new Error('KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD');
  }
  const tls = settings.KAFKA_SSL || Boolean(ca || cert);
  const result: Pick<KafkaConfig, 'ssl' | 'sasl'> = {};
  if (tls) {
    result.ssl = {
      rejectUnauthorized: true,
      ...(ca ? { ca: [readFileSync(ca, 'utf8')] } : {}),
      ...(cert && key ? { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') } : {}),
    };
  }
  if (mechanism) result.sasl = { mechanism, username: settings.KAFKA_SASL_USERNAME!, password: settings.KAFKA_SASL_PASSWORD! } as SASLOptions;
  return result;
}
