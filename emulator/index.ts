// Public entry point of the ACS Rooms + Identity emulator.
export { createEmulatorApp } from "./app";
export type { EmulatorClock } from "./clock";
export type { FaultAction, FaultRule } from "./faults";
export { OPERATIONS, type OperationName } from "./operations";
export type { EmulatorOptions, RateLimit, TlsMaterial } from "./options";
export type { RequestLogEntry } from "./request-log";
export { startEmulator, writeCertificate, type RunningEmulator } from "./server";
