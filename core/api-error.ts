/**
 * The one error shape every API answer uses:
 * `{"error": {"code": "NIK_INVALID_DATE", "message": "<Indonesian, actionable>", "field": "nik"}}`.
 * `fields` lists every invalid field when more than one is wrong, so a form can mark them all at once.
 */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    field?: string;
    fields?: FieldError[];
    /** Set on a 409 for a NIK that is already registered inside the caller's scope. */
    existingWorkerId?: string;
  };
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    'error' in value &&
    typeof (value as ApiErrorBody).error?.code === 'string'
  );
}
