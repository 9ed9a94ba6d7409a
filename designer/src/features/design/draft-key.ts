/** a draft key as the API accepts it (contract A); it becomes the process id / form id, so also an XML NCName */
export const DRAFT_KEY_RE = /^[A-Za-z_][A-Za-z0-9_.-]{0,254}$/;
