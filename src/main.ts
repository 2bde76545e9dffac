// Contributors' entry (`npm start` runs `tsx src/main.ts dev`): the same CLI as the bin.
import './bin/taskql.ts';
