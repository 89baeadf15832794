// cloud-init's /run/cloud-init/result.json, written once its last stage is done:
// {"v1": {"datasource": "DataSourceNoCloud [seed=/dev/sr0][dsmode=net]", "errors": []}}.
// Its existence means finished; its errors say whether that went well.

/** Where the guest's cloud-init leaves its result. */
export const RESULT_JSON = '/run/cloud-init/result.json';

export interface CloudInitResult {
  datasource: string | null;
  errors: string[];
}

/** Reads result.json's text; a string saying why when it is not a v1 result. */
export function parseCloudInitResult(text: string): CloudInitResult | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return `${RESULT_JSON} is not JSON: ${JSON.stringify(text.slice(0, 200))}`;
  }
  const v1 = (data as { v1?: { datasource?: unknown; errors?: unknown } } | null)?.v1;
  if (typeof v1 !== 'object' || v1 === null || !Array.isArray(v1.errors)) return `${RESULT_JSON} has no v1.errors list: ${JSON.stringify(text.slice(0, 200))}`;
  return {
    datasource: typeof v1.datasource === 'string' ? v1.datasource : null,
    errors: v1.errors.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))),
  };
}
