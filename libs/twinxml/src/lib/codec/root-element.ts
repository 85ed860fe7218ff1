import { TWINXML_NAMESPACE } from '../model/header';
import type { Report } from '../schema/record-rules';
import { ROOT_ELEMENT } from '../schema/specs';

/**
 * The root must be `TwinXML` in the TwinXML 1 namespace, declared as the default namespace
 * (prefixed element names are not supported). Only namespace declarations and `xsi:*`
 * attributes are allowed on it.
 */
export function checkRootElement(
  name: string,
  attributes: Record<string, string>,
  prefix: string,
  report: Report,
): void {
  const path = `/${ROOT_ELEMENT}`;
  if (name !== ROOT_ELEMENT) {
    report('/', `root element must be ${ROOT_ELEMENT} (default namespace ${TWINXML_NAMESPACE}), found ${name}`);
    return;
  }
  const ns = attributes[`${prefix}xmlns`];
  if (ns !== TWINXML_NAMESPACE) {
    report(
      path,
      ns === undefined
        ? `missing namespace; expected xmlns="${TWINXML_NAMESPACE}"`
        : `unknown namespace ${ns}; expected ${TWINXML_NAMESPACE}`,
    );
  }
  for (const key of Object.keys(attributes)) {
    const attr = key.slice(prefix.length);
    if (attr !== 'xmlns' && !attr.startsWith('xmlns:') && !attr.startsWith('xsi:'))
      report(path, `unexpected attribute ${attr}`);
  }
}
