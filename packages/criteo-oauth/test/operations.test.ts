// The exported low-level client sends every operation of specs/criteo.yaml as the spec says (see the helper).
import { describeLowLevelClient } from "@x/test-utils/low-level-client";
import { createCriteoClient, operationTable } from "../src/index.js";

describeLowLevelClient("@x/criteo-oauth", createCriteoClient, operationTable);
