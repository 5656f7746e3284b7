/**
 * The node groups and nodes the lives UI offers in its selects. They belong to the nodes
 * feature, so the page loads them and hands them down.
 */
export interface FleetOptions {
  groups: Array<{ id: string; name: string }>;
  nodes: Array<{ id: string; name: string; groupName: string }>;
}
