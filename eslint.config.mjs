// ESLint (flat config): typescript-eslint's recommended rules for the program, the offline plan,
// the tests and the policy pack. Style is prettier's job (see .prettierrc.json); eslint checks code.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    {
        ignores: ["**/node_modules/**", ".offline-build/**", "policy-pack/.offline-build/**", ".tmp/**", "**/*.d.ts"],
    },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        languageOptions: {
            ecmaVersion: 2022,
            sourceType: "module",
            globals: {
                require: "readonly",
                module: "writable",
                process: "readonly",
                console: "readonly",
                __dirname: "readonly",
                Buffer: "readonly",
                setTimeout: "readonly",
                clearTimeout: "readonly",
                setImmediate: "readonly",
            },
        },
        rules: {
            // `_`-prefixed names are deliberate (destructuring to drop a key, unused callback args).
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
        },
    },
    {
        files: ["**/*.js", "**/*.cjs"],
        languageOptions: { sourceType: "commonjs" },
        // Plain Node scripts (the `npm start` launcher): require() is how CommonJS imports.
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
);
