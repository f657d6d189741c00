// The page's entry point: defines the shell; everything else loads from it, lazily where it can.
import './ui/comet-app.js';
