/**
 * @houfu/datasets — deterministic synthetic data in the houfu canonical schema, calibrated
 * to the figures Guizhou published for its post-relocation support work in 2019.
 * @packageDocumentation
 */
export { generate, type GenerateOptions, type GeneratedDataset } from './generate.js';
