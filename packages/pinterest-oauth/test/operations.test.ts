// The exported low-level client sends every operation of specs/pinterest.yaml as the spec says (see the helper).
import { describeLowLevelClient } from "@x/test-utils/low-level-client";
import { createPinterestClient, operationTable } from "../src/index.js";

describeLowLevelClient("@x/pinterest-oauth", createPinterestClient, operationTable);
