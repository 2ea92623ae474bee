/** How store modules report to the engine's log. Messages are Chinese and never carry secrets. */
export type StoreLogLevel = 'INFO' | 'WARNING' | 'ERROR';
export type StoreLog = (msg: string, level: StoreLogLevel) => void;
