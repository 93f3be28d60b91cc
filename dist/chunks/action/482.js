export const id = 482;
export const ids = [482];
export const modules = {

/***/ 92482:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   rollbackCommand: () => (/* binding */ rollbackCommand)
/* harmony export */ });
/* harmony import */ var _config_settings_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(49235);
/* harmony import */ var _deploy_deploy_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(92770);
/* harmony import */ var _deploy_deploy_settings_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(88229);
/* harmony import */ var _deploy_plan_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5448);




/**
 * `rollback`: a kept release made live again with the deploy's own lock, rolling procedure, health
 * gates and recovery, without an upload or a migration. A target that fails its health gates leaves
 * the host on the release the rollback started from.
 */
async function rollbackCommand(settings, reporter, services = {}) {
    if ((0,_config_settings_js__WEBPACK_IMPORTED_MODULE_0__/* .toBool */ .AF)('with-data', settings.option('with-data') ?? 'false'))
        return (await __webpack_require__.e(/* import() */ 446).then(__webpack_require__.bind(__webpack_require__, 34446))).rollbackWithData(settings, reporter, services);
    const rs = (0,_deploy_deploy_settings_js__WEBPACK_IMPORTED_MODULE_2__/* .rollbackSettings */ .OC)(settings);
    if (rs.dryRun)
        return (0,_deploy_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .printPlan */ .Z)(rs, reporter, rs.request);
    return (0,_deploy_deploy_js__WEBPACK_IMPORTED_MODULE_1__.runOnHost)(rs, reporter, { request: rs.request }, services);
}


/***/ })

};
