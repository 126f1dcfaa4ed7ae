// TF_VAR_name environment variables. The core applies them as Terraform does (the `environment`
// option): to the root module's declared variables, after their defaults and before every
// .tfvars file, --var-file and --var; the text as it is for a variable without a type or of a
// primitive type, an HCL expression for any other (TF_VAR_regions='["eu-west-1"]').

const PREFIX = 'TF_VAR_';
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * The TF_VAR_ variables of `env`.
 *
 * @returns {Record<string, string>} variable name → the text as set
 */
export function terraformVariables(env) {
  const values = {};
  for (const [key, value] of Object.entries(env)) {
    const name = key.slice(PREFIX.length);
    if (key.startsWith(PREFIX) && NAME.test(name) && value !== undefined) values[name] = value;
  }
  return values;
}
