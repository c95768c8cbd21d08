export {
  MAX_REGISTER_BYTES,
  RegisterImport,
  RegisterImportButton,
  type RegisterImportProps,
  type RegisterSample,
} from "./RegisterImport";
