// The access matrix's help-desk doors (matrix.ts: tickets, tasks, call logs, related items,
// customers, organizations, canned replies, search), against each kind of caller, in a file and
// storage of their own.
import { knockAtDoors } from './matrix.ts';

knockAtDoors('the access matrix: help-desk items', 'items');
