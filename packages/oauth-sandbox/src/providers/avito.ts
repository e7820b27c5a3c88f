// Avito (POST /token): tokens of letters and digits; a code gives the messenger scopes by default.
import { randomAlnum } from "../random.js";
import type { ProviderTraits } from "./spec-driven.js";

export const avito: ProviderTraits = {
  defaultScope: ["messenger:read", "messenger:write"],
  mintAccess: () => randomAlnum(22),
  mintRefresh: () => randomAlnum(38),
};
