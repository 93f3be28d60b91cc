export const id = 164;
export const ids = [164];
export const modules = {

/***/ 8164:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkWorkflows: () => (/* binding */ checkWorkflows),
/* harmony export */   toFinding: () => (/* binding */ toFinding)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _actions_workflow_parser__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1532);
/* harmony import */ var _compose_model_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4781);
/* harmony import */ var _config_contained_file_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9422);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3916);
/* harmony import */ var _echo_redact_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8523);







/**
 * Workflow files checked with GitHub's own parser (@actions/workflow-parser): the schema, the
 * expressions and the job graph, each problem at its line. Paths are files or folders of *.yml,
 * read only when they are inside the repository (`cwd`): the parser repeats what it reads in its
 * errors, so a path outside (/proc/self/environ, a key in $HOME) would print the runner's secrets.
 * `key` names where the paths came from (the input or validate.workflows), for the findings.
 */
async function checkWorkflows(paths, cwd, key = 'workflows') {
    const findings = [];
    const files = [];
    paths.forEach((p, i) => {
        const c = (0,_config_contained_file_js__WEBPACK_IMPORTED_MODULE_4__/* .containPath */ .oj)(cwd, cwd, p);
        if (!c.inside) {
            findings.push({ severity: 'error', rule: 'outside-repository', message: `${key}[${i}]: ${JSON.stringify(p)} is outside the repository (after following symlinks); it is not read`, loc: { file: p } });
            return;
        }
        if (!c.exists) {
            findings.push({ severity: 'error', rule: 'workflow', message: `workflows path not found: ${p} (check validate.workflows or the "workflows" input)`, loc: { file: p } });
            return;
        }
        for (const f of workflowFiles(c.abs, c.real)) {
            const entry = (0,_config_contained_file_js__WEBPACK_IMPORTED_MODULE_4__/* .containPath */ .oj)(cwd, cwd, f);
            const file = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(cwd, f) || f;
            if (entry.inside)
                files.push(f);
            else
                findings.push({ severity: 'error', rule: 'outside-repository', message: `${key}[${i}]: ${JSON.stringify(file)} is a symlink to outside the repository; it is not read`, loc: { file } });
        }
    });
    for (const abs of files) {
        const file = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(cwd, abs) || abs;
        const target = (0,_config_contained_file_js__WEBPACK_IMPORTED_MODULE_4__/* .containPath */ .oj)(cwd, cwd, abs);
        if (!target.inside)
            continue;
        let text;
        try {
            text = (0,_config_contained_file_js__WEBPACK_IMPORTED_MODULE_4__/* .readRegularFile */ .XF)(target.real, 'workflow file', file);
        }
        catch (err) {
            if (!(err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .InputError */ .dz))
                throw err;
            findings.push({ severity: 'error', rule: 'workflow', message: err.detail, loc: { file } });
            continue;
        }
        // A starter template's placeholder, filled in by GitHub when the template is used.
        const content = text.replaceAll('$default-branch', 'main');
        const parsed = (0,_actions_workflow_parser__WEBPACK_IMPORTED_MODULE_2__/* .parseWorkflow */ .hM)({ name: file, content }, new _actions_workflow_parser__WEBPACK_IMPORTED_MODULE_2__/* .NoOperationTraceWriter */ .P0());
        const messages = parsed.context.errors.getErrors().map((e) => e.message);
        if (messages.length === 0 && parsed.value) {
            const template = await (0,_actions_workflow_parser__WEBPACK_IMPORTED_MODULE_2__/* .convertWorkflowTemplate */ .DE)(parsed.context, parsed.value);
            messages.push(...(template.errors ?? []).map((e) => e.Message));
        }
        const echo = workflowEcho(content, file);
        for (const m of messages)
            findings.push(toFinding(m, file, echo));
    }
    return { files: files.map((f) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(cwd, f) || f), findings };
}
/** A folder's *.yml files (by the path as given, so a symlinked entry is still judged by its target). */
function workflowFiles(abs, real) {
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(real).isDirectory())
        return [abs];
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(real)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(abs, f));
}
/** The file's keys may be named in a message, its values not (see echo-redact.ts). */
function workflowEcho(content, file) {
    try {
        return (0,_echo_redact_js__WEBPACK_IMPORTED_MODULE_6__/* .echoContext */ .$)([(0,_compose_model_js__WEBPACK_IMPORTED_MODULE_3__/* .parseComposeText */ .js)(content, file)], [file]);
    }
    catch {
        return (0,_echo_redact_js__WEBPACK_IMPORTED_MODULE_6__/* .echoContext */ .$)([], [file]);
    }
}
/** The parser writes "file (Line: 7, Col: 15): message". */
function toFinding(message, file, echo = (0,_echo_redact_js__WEBPACK_IMPORTED_MODULE_6__/* .echoContext */ .$)([], [file])) {
    const m = /^(.*?) \(Line: (\d+), Col: (\d+)\): (.*)$/s.exec(message);
    if (!m)
        return { severity: 'error', rule: 'workflow', message: (0,_echo_redact_js__WEBPACK_IMPORTED_MODULE_6__/* .redactLine */ .Mq)(message, echo), loc: { file } };
    return { severity: 'error', rule: 'workflow', message: (0,_echo_redact_js__WEBPACK_IMPORTED_MODULE_6__/* .redactLine */ .Mq)(m[4], echo), loc: { file, line: Number(m[2]), column: Number(m[3]) } };
}


/***/ })

};
