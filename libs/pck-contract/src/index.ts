// Public face of @pcknop/pck-contract: the typed WebshopWS model, codec, WSDL and result helpers.
export * from './lib/model';
