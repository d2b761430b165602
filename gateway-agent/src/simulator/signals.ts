/** What the simulator can put in registers when replaying the AI4I 2020 machining data. */
export const AI4I_SIGNALS = [
  'clock',
  'runState',
  'faultCode',
  'goodParts',
  'rejectedParts',
  'failures',
  'udi',
  'productType',
  'airTemperatureK',
  'processTemperatureK',
  'rotationalSpeedRpm',
  'torqueNm',
  'toolWearMin',
] as const;

/** What the simulator can put in registers when replaying the steel plant's energy metering. */
export const STEEL_SIGNALS = [
  'clock',
  'runState',
  'loadLevel',
  'energyWh',
  'lagReactiveVarh',
  'leadReactiveVarh',
  'co2Kg',
  'lagPowerFactor',
  'leadPowerFactor',
  'weekend',
] as const;

export type Ai4iSignal = (typeof AI4I_SIGNALS)[number];
export type SteelSignal = (typeof STEEL_SIGNALS)[number];

/** The data sets the simulator replays. */
export const DATASETS = ['ai4i2020', 'steel_industry_energy'] as const;
export type Dataset = (typeof DATASETS)[number];

/** Signals a data set provides. */
export function signalsOf(dataset: Dataset): readonly string[] {
  return dataset === 'ai4i2020' ? AI4I_SIGNALS : STEEL_SIGNALS;
}
