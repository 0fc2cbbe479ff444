// Lint for correctness, not style (Prettier formats). The rules that matter most here: a forgotten
// `await` inside a provider method, and imports that cross the layer boundaries in docs/architecture.md.
import tseslint from "typescript-eslint";

const noPulumi = {
  group: ["@pulumi/*"],
  message:
    "Only src/resources, src/functions and src/provider may use Pulumi (docs/architecture.md, layers).",
};
const noEmulator = {
  group: ["**/emulator", "**/emulator/**"],
  message: "The emulator is a separate program; product code never imports it.",
};
const noClient = {
  group: ["../client", "../client/**", "../../client", "../../client/**"],
  message: "The emulator shares no runtime code with the client.",
};
const restrict = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "node_modules/**",
      "test/e2e/.fixture/**",
      "examples/**/node_modules/**",
      "**/*.js",
      "**/*.mjs",
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": [
        "error",
        { considerDefaultExhaustiveForUnions: true },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    files: ["src/client/**", "src/schemas/**", "src/import/**", "src/config/**"],
    rules: restrict(noPulumi, noEmulator),
  },
  {
    files: ["src/resources/**", "src/functions/**", "src/provider/**", "src/index.ts"],
    rules: restrict(noEmulator),
  },
  { files: ["src/emulator/**"], rules: restrict(noClient, noPulumi) },
  {
    files: ["test/**", "bench/**", "tools/**"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
);
