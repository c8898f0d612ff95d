/** The record kinds stored per snapshot, in the order the content hash covers them. */
export const BODY_KEYS = ['sources', 'municipalities', 'spots', 'routes', 'events', 'schemes', 'rallies'] as const
export type BodyKey = (typeof BODY_KEYS)[number]
