/** A console.warn that says each thing once per page, however often it happens. */
export function createWarnOnce(): (message: string) => void {
  const warned = new Set<string>();
  return (message) => {
    if (warned.has(message)) return;
    warned.add(message);
    console.warn(message);
  };
}
