import { defineConfig } from "tsup";
import { sharedTsupOptions } from "../../tsup.shared.js";

export default defineConfig(sharedTsupOptions);
