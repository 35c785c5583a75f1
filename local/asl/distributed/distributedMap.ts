import { StatesError, StatesErrorNames } from '../errors';
import type { StateExecutor } from '../states/types';
import type { MapState } from '../types';

const runDistributedMap: StateExecutor<MapState> = async (run) => {
  throw new StatesError(StatesErrorNames.Runtime, `Distributed Map is not available yet (state '${run.name}')`);
};

export { runDistributedMap };
