import { createTransport, type Transporter } from 'nodemailer';

export interface SmtpSettings {
  /** `smtp://user:password@host:587` (STARTTLS when offered) or `smtps://…:465`. */
  url: string;
  from: string;
}

/** Sends the notification emails over the operator's SMTP server (configuration, not per org). */
export class EmailSender {
  private readonly transport: Transporter;

  constructor(private readonly settings: SmtpSettings) {
    this.transport = createTransport(settings.url);
  }

  async send(to: string, message: { subject: string; text: string }): Promise<void> {
    await this.transport.sendMail({ from: this.settings.from, to, subject: message.subject, text: message.text });
  }

  close(): void {
    this.transport.close();
  }
}
