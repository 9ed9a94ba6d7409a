export { RequestNumbers, SERIAL_VARIABLE, TITLE_VARIABLE, type RequestInfo } from './request-numbers.service.ts';
export { parseSerialPattern } from './serial-pattern.ts';
export { renderTitle } from './title-template.ts';
export { LateNumbers } from './late-numbers.ts';
