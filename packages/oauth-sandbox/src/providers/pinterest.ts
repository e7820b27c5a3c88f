// Pinterest v5 (POST /oauth/token): `pina_`/`pinr_` tokens, and errors as {code, message} with Pinterest's own codes.
import { randomToken } from "../random.js";
import type { ProviderTraits } from "./spec-driven.js";

/** Error codes as Pinterest's spec examples use them. */
export const PINTEREST_ERRORS = {
  invalidParameters: 1,
  authenticationFailed: 2,
} as const;

export const pinterest: ProviderTraits = {
  defaultScope: ["boards:read", "pins:read", "user_accounts:read"],
  mintAccess: () => `pina_${randomToken(48)}`,
  mintRefresh: () => `pinr_${randomToken(48)}`,
  errorBody: (error, description) =>
    error === "invalid_client"
      ? { code: PINTEREST_ERRORS.authenticationFailed, message: "Authentication failed." }
      : { code: PINTEREST_ERRORS.invalidParameters, message: description },
};
