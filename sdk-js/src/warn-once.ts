/** A console.warn that says each thing (by key) once per page, however often it happens. */
export function createWarnOnce(): (key: string, message: string) => void {
  const warned = new Set<string>();
  return (key, message) => {
    if (warned.has(key)) return;
    warned.add(key);
    console.warn(message);
  };
}
