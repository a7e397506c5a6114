export * from './wait-for';
export * from './unique';
export * from './infrastructure';
export * from './free-port';
export * from './process';
export * from './service-process';
export * from './receiver';
export * from './rest-client';
