// A fixture: only the file name matters to the layout.
export {};
