export { Faults, NO_FAULT, type ServiceFault } from './faults';
export { generateChannels } from './population';
export { type Simulator, type SimulatorOptions, startSimulator } from './server';
export { type LiveSpec, type NewChannel, type SimChannel, type SimLive, World } from './world';
