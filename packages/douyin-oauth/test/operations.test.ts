// The exported low-level client sends every operation of specs/douyin.yaml as the spec says (see the helper).
import { describeLowLevelClient } from "@x/test-utils/low-level-client";
import { createDouyinClient, operationTable } from "../src/index.js";

describeLowLevelClient("@x/douyin-oauth", createDouyinClient, operationTable);
