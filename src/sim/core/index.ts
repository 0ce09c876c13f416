/**
 * The simulation core: everything a lab needs to be deterministic and seekable.
 *
 *   const sim = new Simulation('seed');
 *   sim.at(0, () => sim.emit('client', 'packet.send', {...}, { en: '…', zh: '…' }));
 *   const actor = createActor(machine, { clock: sim.clock });   // XState timers on virtual time
 *   const timeline = record(sim, () => snapshotOfTheWorld());   // one frame per event
 *   timeline.frame(i).state                                     // step back/forward = read a frame
 */
export { EventQueue, type QueuedTask } from './queue';
export { VirtualClock } from './clock';
export { createRng, seedFrom, type Rng, type RngState } from './rng';
export { textIn, type SimEvent, type Text, type Lang } from './log';
export { Simulation } from './simulation';
export { record, timelineOf, type Frame, type Timeline } from './timeline';
