import { roleByName, roleInCodebase } from '../../../../layers/analysis-engine/src/angularjs/fileRole';

describe('Function: roleByName()', () => {
  it.each([
    ['karma.conf.js', 'tooling'],
    ['karma-jquery.conf-factory.js', 'tooling'],
    ['protractor-conf.js', 'tooling'],
    ['protractor-shared-conf.js', 'tooling'],
    ['webpack.config.js', 'tooling'],
    ['Gruntfile.js', 'tooling'],
    ['gulpfile.babel.js', 'tooling'],
    ['playwright.config.ts', 'tooling'],
    ['vitest.config.mts', 'tooling'],
    ['cart.e2e-spec.ts', 'e2e-test'],
    ['login.cy.js', 'e2e-test'],
    ['angular-locale_de-ch.js', 'generated'],
    ['angular.js', 'library'],
    ['angular-route.js', 'library'],
    ['jquery-3.7.1.js', 'library'],
  ])('gives %s the role %s', (name, role) => {
    expect(roleByName(name)).toBe(role);
  });

  it.each(['app.config.js', 'routing-config.js', 'cart.spec.js', 'angular-widgets.js', 'karmaService.js', 'jquery.plugin.js', 'config.js'])(
    'leaves %s to its content',
    (name) => {
      expect(roleByName(name)).toBeUndefined();
    },
  );
});

describe('Function: roleInCodebase()', () => {
  it.each([
    ['e2e/cart.spec.ts', 'app', 'e2e-test'],
    ['e2e-tests/protractor.conf.js', 'app', 'e2e-test'],
    ['test/e2e/fixtures/index.html', 'app', 'e2e-test'],
    ['gulp/scripts.js', 'app', 'tooling'],
    ['test/run.mjs', 'app', 'test'],
    ['src/__tests__/cart.js', 'app', 'test'],
    ['test/unit/cart.spec.js', 'angularjs-test', 'angularjs-test'],
    ['src/i18n/angular-locale_fr.js', 'app', 'generated'],
    ['src/app/app.config.js', 'app', 'app'],
    ['src/latest/app.js', 'app', 'app'],
  ])('gives %s (analysed as %s) the role %s', (path, analysed, role) => {
    expect(roleInCodebase(path, analysed as never)).toBe(role);
  });

  it('keeps what the content decided when it is not assessed (an ngLocale file in an app folder)', () => {
    expect(roleInCodebase('src/app/locale.js', 'generated')).toBe('generated');
  });
});
