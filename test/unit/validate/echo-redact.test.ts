import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseComposeText } from '../../../src/compose/model.js';
import { echoContext, redactComposeLine, redactLine } from '../../../src/validate/echo-redact.js';
import { cliErrorFindings } from '../../../src/validate/cli-errors.js';

const tree = parseComposeText('services:\n  web:\n    image: "nginx:1.25"\n    cpus: "${C}"\n    environment:\n      SECRET_NAME: "literal-value-from-file"\n    networks: { "${C}": {} }\n', 'compose.prod.yaml');
const ctx = echoContext([tree], ['compose.prod.yaml', './compose.prod.yaml'], ['s3cr3t-from-env-file', 'ab']);

describe('values Compose repeats are dropped, names and locations stay', () => {
  const cases: [string, string, string][] = [
    ['v1 type conversion', 'Error while attempting to convert service.web.cpus to appropriate type: "CAN:ARY x" is not a valid float', 'Error while attempting to convert service.web.cpus to appropriate type: "…" is not a valid float'],
    ['v1 named volume', 'Named volume "CAN:ARY x:rw" is used in service "web" but no declaration was found in the volumes section.', 'Named volume "…" is used in service "web" but no declaration was found in the volumes section.'],
    ['v1 missing mandatory value (its message is the file\'s text, interpolated)', 'Missing mandatory value for "environment" option interpolating {\'X\': \'${UNSET_Q:?[CANARY]}\'} in service "web": [CANARY]', 'Missing mandatory value for "environment" option in service "web": a required variable is not set'],
    ['v2 required variable', 'error while interpolating services.web.environment.X: required variable UNSET_Q is missing a value: [CANARY value]', 'error while interpolating services.web.environment.X: required variable UNSET_Q is missing a value'],
    ['invalid interpolation format', 'Invalid interpolation format for "environment" option in service "web": "${CANARY"', 'Invalid interpolation format for "environment" option in service "web"'],
    ['an unknown key is a name and stays', "Unsupported config option for services.web: 'networks'", "Unsupported config option for services.web: 'networks'"],
    ['a key that looks like a variable is a name (not interpolated by Compose)', "services.web.networks contains unsupported option: '${C}'", "services.web.networks contains unsupported option: '${C}'"],
    ['a file of the set stays', 'in "./compose.prod.yaml", line 3, column 5', 'in "./compose.prod.yaml", line 3, column 5'],
    ['a file outside the set is dropped', "Top level object in '/etc/hostname' needs to be an object", "Top level object in '…' needs to be an object"],
    ['an env file value is dropped even unquoted', 'invalid hostPort: s3cr3t-from-env-file', 'invalid hostPort: …'],
    ['a scalar of the file is dropped even unquoted', 'bad value literal-value-from-file here', 'bad value … here'],
    ['short values are words, not secrets', 'ab cd', 'ab cd'],
    ['empty quotes stay', "Unexpected value ''", "Unexpected value ''"],
  ];
  for (const [what, line, want] of cases) it(what, () => assert.equal(redactLine(line, ctx), want));

  it('long lines are cut', () => assert.equal(redactLine('x'.repeat(1000), ctx).length, 301));
});

describe('what Compose prints is kept word by word only when the word is harmless', () => {
  const root = '/work/repo';
  const c = { ...echoContext([tree], ['compose.prod.yaml', './compose.prod.yaml'], []), root };
  const cases: [string, string, string][] = [
    ['v2 unquoted boolean (an included project\'s .env)', 'error while interpolating services.web.init: failed to cast to expected type: invalid boolean: zz-canaryfile-456', 'error while interpolating services.web.init: failed to cast to expected type: invalid boolean: …'],
    ['an undefined volume named by a value', 'service "web" refers to undefined volume zz-canary-789: invalid compose project', 'service "web" refers to undefined volume …: invalid compose project'],
    ['a path inside the repository stays, one outside goes', `env file ${root}/sub/.env not found: stat /home/runner/.aws/credentials: no such file`, `env file ${root}/sub/.env not found: stat …: no such file`],
    ['a climbing path is not inside', `open ${root}/../../etc/passwd`, 'open …'],
    ['several unknown words become one mark', 'yaml: line 3: did not find expected key AKIA SECRETKEY ZZZ', 'yaml: line 3: did not find expected key …'],
    ['numbers of a port range and a line stay', 'invalid port 0-65535 at line 12', 'invalid port 0-65535 at line 12'],
    ['v1 dotted key in its spelling', 'service.web.cpus contains an invalid type, it should be a number', 'service.web.cpus contains an invalid type, it should be a number'],
  ];
  for (const [what, line, want] of cases) it(what, () => assert.equal(redactComposeLine(line, c), want));
});

describe('cliErrorFindings prints no value, but still finds the line from what Compose said', () => {
  const prod = parseComposeText('services:\n  web:\n    image: "nginx:1.25"\n    cpus: "${CANARY}"\n    environment:\n      X: "${UNSET:?[${CANARY}]}"\n', 'compose.prod.yaml');
  const files = new Map([['compose.prod.yaml', prod]]);
  const echo = echoContext(files.values(), ['compose.prod.yaml', './compose.prod.yaml'], ['canary-value-123']);
  const cases: [string, string, string, number | undefined][] = [
    ['v1 conversion', 'ERROR: Error while attempting to convert service.web.cpus to appropriate type: "canary-value-123" is not a valid float\n', 'Compose config: Error while attempting to convert service.web.cpus to appropriate type: "…" is not a valid float', 4],
    ['v2 conversion', 'error while interpolating services.web.cpus: failed to cast to expected type: strconv.ParseFloat: parsing "canary-value-123": invalid syntax\n', 'Compose config: error while interpolating services.web.cpus: failed to cast to expected type: strconv.ParseFloat: parsing "…": invalid syntax', 4],
    ['v2 required variable', 'error while interpolating services.web.environment.X: required variable UNSET is missing a value: [canary-value-123]\n', 'Compose config: error while interpolating services.web.environment.X: required variable UNSET is missing a value', 6],
    ['v2 decoding', "error decoding 'services[web].cpus': invalid size: 'canary-value-123'\n", "Compose config: error decoding 'services[web].cpus': invalid size: '…'", 4],
    ['v1 traceback', 'Traceback (most recent call last):\n  File "x", line 1\nValueError: invalid literal for int() with base 10: \'canary-value-123\'\n', 'Compose config: the Compose CLI crashed on a value in the set (ValueError)', undefined],
  ];
  for (const [what, output, message, line] of cases) {
    it(what, () => {
      const [f] = cliErrorFindings(output, files, '/w', echo);
      assert.deepEqual([f!.message, f!.loc.file, f!.loc.line], [message, 'compose.prod.yaml', line]);
    });
  }

  it('keeps at most 20 lines of what Compose printed', () => {
    assert.equal(cliErrorFindings(Array.from({ length: 50 }, (_, i) => `problem ${i}`).join('\n'), files, '/w', echo).length, 20);
  });
});
