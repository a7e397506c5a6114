import { compileDataSchema, type DataValidator, type SchemaMode, type SchemaViolation } from '@hookline/contract';

/** A catalog type's data schema as ingestion applies it. */
export interface DataSchema {
  /** JSON-encoded; '' = none. */
  schemaJson: string;
  mode: SchemaMode;
  version: number;
}

export interface SchemaCheck {
  mode: SchemaMode;
  version: number;
  violation: SchemaViolation;
}

/**
 * The compiled data schemas of the catalog: each (type, version) is compiled once — when the
 * catalog is read (`prepare`, in the background refresh), else on its first publish — and kept
 * until the type moves to another version. Validating is then a plain call.
 */
export class DataSchemas {
  private readonly compiled = new Map<string, { version: number; validate: DataValidator | undefined }>();

  constructor(
    private readonly onCompileError: (type: string, version: number, error: unknown) => void,
    private readonly compile: (schema: object) => DataValidator = compileDataSchema,
  ) {}

  /** Compiles the checked schemas of a freshly read catalog that are not compiled yet. */
  prepare(entries: ReadonlyArray<{ type: string; schema?: DataSchema }>): void {
    for (const { type, schema } of entries) {
      if (schema && schema.mode !== 'off' && schema.schemaJson) this.validatorFor(type, schema);
    }
  }

  /** Why `data` breaks the type's schema, or undefined when it matches or the mode is `off`. */
  check(type: string, schema: DataSchema | undefined, data: unknown): SchemaCheck | undefined {
    if (!schema || schema.mode === 'off' || !schema.schemaJson) return undefined;
    const validate = this.validatorFor(type, schema);
    const violation = validate?.(data);
    return violation ? { mode: schema.mode, version: schema.version, violation } : undefined;
  }

  private validatorFor(type: string, schema: DataSchema): DataValidator | undefined {
    const cached = this.compiled.get(type);
    if (cached?.version === schema.version) return cached.validate;
    let validate: DataValidator | undefined;
    try {
      validate = this.compile(JSON.parse(schema.schemaJson) as object);
    } catch (error) {
      // The registry compiled it before storing it; should it fail here all the same, the type is
      // not checked (said once per version) rather than every publish of it refused.
      this.onCompileError(type, schema.version, error);
    }
    this.compiled.set(type, { version: schema.version, validate });
    return validate;
  }
}
