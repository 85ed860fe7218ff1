export interface TwinManufacturer {
  key: string;
  name: string;
  description?: string;
  published: boolean;
}
