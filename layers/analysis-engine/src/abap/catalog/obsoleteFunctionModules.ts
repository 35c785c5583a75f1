/**
 * Function modules to replace before or during the upgrade, as configuration for abaplint's
 * `function_module_recommendations` rule (which only matches constant names, `CALL FUNCTION 'NAME'`).
 *
 * Chosen from abaplint's default list: those that are obsolete or carry an S/4HANA-specific replacement. The
 * purely stylistic suggestions of the default list (REUSE_ALV_GRID_DISPLAY, ROUND, …) are left out: they are no
 * upgrade work.
 */

/** One entry in abaplint's configuration shape (`name`, `replace`, optional `from` release). */
type FunctionModuleRecommendation = { name: string; replace: string; from?: string };

/**
 * Function modules of the list that read a data model S/4HANA replaced, so that moving to the successor is required
 * for the conversion (variant `s4-replaced`); the others still work and are clean-up.
 */
const S4_REPLACED_FUNCTION_MODULES: readonly string[] = ['ISM_SD_GET_PRICING_CONDITIONS'];

const frontend = (name: string): FunctionModuleRecommendation => ({ name, replace: 'use CL_GUI_FRONTEND_SERVICES' });
const popup = (name: string): FunctionModuleRecommendation => ({ name, replace: 'use POPUP_TO_CONFIRM' });
const uuid = (name: string): FunctionModuleRecommendation => ({ name, replace: 'use CL_SYSTEM_UUID' });

/** The configured list. */
const OBSOLETE_FUNCTION_MODULES: readonly FunctionModuleRecommendation[] = [
  { name: 'ISM_SD_GET_PRICING_CONDITIONS', replace: 'use CL_PRC_RESULT_FACTORY as per note 2220005' },
  ...['DOWNLOAD', 'UPLOAD', 'WS_DOWNLOAD', 'WS_EXECUTE', 'WS_FILENAME_GET', 'WS_FILE_DELETE', 'WS_QUERY', 'WS_UPLOAD'].map((name) => frontend(name)),
  ...['POPUP_TO_CONFIRM_LOSS_OF_DATA', 'POPUP_TO_CONFIRM_STEP', 'POPUP_TO_CONFIRM_WITH_MESSAGE', 'POPUP_TO_CONFIRM_WITH_VALUE', 'POPUP_TO_DECIDE'].map(
    (name) => popup(name),
  ),
  ...['GUID_CREATE', 'SYSTEM_UUID_C_CREATE'].map((name) => uuid(name)),
  { name: 'SUBST_GET_FILE_LIST', replace: 'see note 1686357' },
];

export type { FunctionModuleRecommendation };
export { OBSOLETE_FUNCTION_MODULES, S4_REPLACED_FUNCTION_MODULES };
