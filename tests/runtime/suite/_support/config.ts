// What atgc writes for a spec that names no server.
export const defaultBaseUrl = "";
