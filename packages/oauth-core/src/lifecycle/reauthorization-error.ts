import { OAuthApiError } from "../call/errors.js";

/**
 * The provider refused the refresh token (expired, revoked or already spent), or there is none: the user must
 * authorize again. The stored token set of that key is kept as a tombstone (`refused`). `cause` is the provider's error, if any.
 */
export class ReauthorizationRequiredError extends OAuthApiError {
  /** Names the class (and its instances' `name`) for the cross-build brand check of OAuthApiError subclasses. */
  static override errorName = "ReauthorizationRequiredError";
  /** The token store key whose token set is gone. */
  readonly key: string;

  constructor(init: { provider: string; operation: string; key: string; cause?: OAuthApiError | undefined }) {
    const { cause } = init;
    super({
      message: `${init.provider}: the user must authorize again (${cause ? `refresh refused: ${cause.message}` : "no refresh token stored"}) for key "${init.key}"`,
      provider: init.provider,
      operation: init.operation,
      status: cause?.status ?? 0,
      kind: cause?.kind ?? "http",
      code: cause?.code,
      description: cause?.description,
      contentType: cause?.contentType,
    });
    this.key = init.key;
    if (cause) this.cause = cause;
  }
}
