/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testPathIgnorePatterns: ['/node_modules/', '/.local/', '/.aws-sam/', '/dist/'],
  testMatch: ['**/*.test.ts'],
  // Babel strips types and turns modules into CommonJS: pure JavaScript, so `npm ci` needs no platform binaries
  // (the registry this project installs from lacks some of swc's).
  transform: {
    '^.+\\.(t|j)sx?$': [
      'babel-jest',
      {
        babelrc: false,
        configFile: false,
        presets: [['@babel/preset-typescript', { allowDeclareFields: true, onlyRemoveTypeImports: false }]],
        plugins: ['@babel/plugin-transform-modules-commonjs'],
      },
    ],
  },
  // middy ships ESM only (exports with the "import" condition alone): resolve it as ESM and let Babel turn it into CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!@middy/)'],
  moduleNameMapper: {
    '^@middy/core$': '<rootDir>/node_modules/@middy/core/index.js',
    '^analysis-engine$': '<rootDir>/layers/analysis-engine/src/index.ts',
    // d3-hierarchy ships ESM and a UMD build: the UMD build needs no transform.
    '^d3-hierarchy$': '<rootDir>/node_modules/d3-hierarchy/dist/d3-hierarchy.min.js',
  },
};
