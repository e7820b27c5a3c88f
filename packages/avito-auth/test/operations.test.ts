// The exported low-level client sends every operation of specs/avito.yaml as the spec says (see the helper).
import { describeLowLevelClient } from "@x/test-utils/low-level-client";
import { createAvitoClient, operationTable } from "../src/index.js";

describeLowLevelClient("@x/avito-auth", createAvitoClient, operationTable);
