/** A form post as a browser sends it: every value a field, a list as that field repeated (checkboxes). */
export function formData(values: Record<string, string | readonly string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(values)) for (const one of typeof value === 'string' ? [value] : value) data.append(name, one);
  return data;
}
