/** Redis keys taskql keeps beside BullMQ's own, each named here and nowhere else. */
export const taskqlKeys = (prefix: string) => ({
  /** hash: schedule id → id of the last task a worker started for it */
  scheduleLastTask: `${prefix}:schedule-last-task`,
  /** hash: a workflow's kind, steps, root task, creation time, cancelled mark */
  workflow: (id: string) => `${prefix}:workflow:${id}`,
});
