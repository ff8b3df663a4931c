const { readFileSync } = require('node:fs');

const swc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swc.$schema;

const transform = { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] };

/** Unit tests sit next to the code; integration tests in each app's e2e folder. */
module.exports = {
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/libs/*/src/**/*.spec.ts', '<rootDir>/apps/*/src/**/*.spec.ts', '<rootDir>/tools/**/*.spec.ts'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/apps/*/e2e/**/*.e2e-spec.ts', '<rootDir>/tools/**/*.e2e-spec.ts', '<rootDir>/web/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/tools/testing/global-setup.js',
    },
  ],
};
