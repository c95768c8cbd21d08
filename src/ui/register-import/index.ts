export { MAX_REGISTER_BYTES, RegisterImport, RegisterImportButton, type RegisterImportProps } from "./RegisterImport";
