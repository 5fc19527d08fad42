// The access matrix's chat doors (matrix.ts: chats, bulk actions, messages, manual events, the
// lobby's socket), against each kind of caller, in a file and storage of their own.
import { knockAtDoors } from './matrix.ts';

knockAtDoors('the access matrix: chats', 'chats');
