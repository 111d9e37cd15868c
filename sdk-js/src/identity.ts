export type Traits = Record<string, string | number | boolean>;

/**
 * The payload of a `sessionkit/identify` event, or null when the user id is not a non-empty string. Traits
 * go as given: the server keeps only flat text, number and boolean values, bounded in size and count.
 */
export const identifyPayload = (userId: unknown, traits?: Traits): { userId: string; traits: Traits } | null =>
  typeof userId == 'string' && userId ? { userId, traits: traits ?? {} } : null;
