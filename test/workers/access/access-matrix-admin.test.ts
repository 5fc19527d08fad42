// The access matrix's administration doors (matrix.ts), against each kind of caller: a file of
// their own, with storage of its own, because each makes a world per caller and the
// administration's lists read every group and agent there is.
import { knockAtDoors } from './matrix.ts';

knockAtDoors('the access matrix: administration', 'administration');
