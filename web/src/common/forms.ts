import type { FormInstance } from 'antd';
import { ProblemError } from '../api/client';

/**
 * Puts a service's refusal on the field it names. The service speaks in API
 * paths (`address.text`, `caller.phone`); the form names fields the same way.
 */
export function showProblemOnForm(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ProblemError) || !error.field) return false;
  const name = error.field.split('.');
  const known = form.getFieldInstance(name) !== undefined ||
    form.getFieldsValue(true)?.[name[0]] !== undefined;
  if (!known) return false;
  form.setFields([{ name, errors: [error.detail] }]);
  form.scrollToField(name);
  return true;
}
